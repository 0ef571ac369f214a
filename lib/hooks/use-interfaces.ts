'use client';
import { useApi } from './use-api';
import { INTERFACES_KEY, interfaceKey, type InterfaceResponse, type InterfacesResponse } from '../contracts/interfaces';

export function useInterfaces() {
  return useApi<InterfacesResponse>(INTERFACES_KEY);
}

export function useInterface(name: string) {
  return useApi<InterfaceResponse>(interfaceKey(name));
}
